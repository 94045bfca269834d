<?xml version="1.0" encoding="UTF-8"?>
<!-- One delivery, everything about it: buyer, vendor, instance, order,
     its appeals with the decision form for an open one, an admin's note,
     every requirement version and the whole history with their files. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('delivery.title', delivery/@no)"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="d" select="delivery"/>
    <p class="muted"><a href="/admin/deliveries">« <xsl:value-of select="m:t('admin.nav.deliveries')"/></a></p>
    <h1>
      <xsl:value-of select="$d/@no"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="status">
        <xsl:with-param name="prefix" select="'delivery.status.'"/>
        <xsl:with-param name="value" select="$d/@status"/>
      </xsl:call-template>
      <xsl:if test="$d/@appeal-open = '1'">
        <xsl:text> </xsl:text>
        <span class="badge appeal-open"><xsl:value-of select="m:t('appeal.status.open')"/></span>
      </xsl:if>
    </h1>

    <table class="data admin-table summary">
      <tbody>
        <tr>
          <th scope="row"><xsl:value-of select="m:t('admin.deliveries.buyer')"/></th>
          <td>
            <xsl:value-of select="$d/buyer"/>
            <xsl:text> · </xsl:text>
            <xsl:variable name="email-q"><xsl:call-template name="url-encode"><xsl:with-param name="s" select="$d/buyer/@email"/></xsl:call-template></xsl:variable>
            <a href="/admin/deliveries?buyer={$email-q}"><xsl:value-of select="$d/buyer/@email"/></a>
            <span class="muted"> (#<xsl:value-of select="$d/buyer/@id"/>)</span>
          </td>
        </tr>
        <tr>
          <th scope="row"><xsl:value-of select="m:t('admin.vendor')"/></th>
          <td><a href="/admin/vendors/{$d/vendor/@slug}"><xsl:value-of select="$d/vendor"/></a> <span class="muted"> (<xsl:value-of select="$d/vendor/@slug"/>)</span></td>
        </tr>
        <tr>
          <th scope="row"><xsl:value-of select="m:t('admin.product')"/></th>
          <td><a href="/products/{$d/product/@id}"><xsl:value-of select="$d/product"/></a> · <xsl:value-of select="$d/spec"/></td>
        </tr>
        <tr>
          <th scope="row"><xsl:value-of select="m:t('admin.instance')"/></th>
          <td>
            <xsl:value-of select="$d/instance/@no"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="status">
              <xsl:with-param name="prefix" select="'instance.status.'"/>
              <xsl:with-param name="value" select="$d/instance/@status"/>
            </xsl:call-template>
          </td>
        </tr>
        <tr>
          <th scope="row"><xsl:value-of select="m:t('admin.deliveries.order')"/></th>
          <td>
            <a href="/admin/orders/{$d/order/@no}"><xsl:value-of select="$d/order/@no"/></a>
            <xsl:text> </xsl:text>
            <xsl:call-template name="status">
              <xsl:with-param name="prefix" select="'order.status.'"/>
              <xsl:with-param name="value" select="$d/order/@status"/>
            </xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:call-template name="money"><xsl:with-param name="v" select="$d/order/total"/></xsl:call-template>
            <xsl:if test="$d/order/refunded/@cents != '0'">
              <xsl:text> · </xsl:text>
              <xsl:value-of select="m:t('admin.deliveries.refunded')"/>
              <xsl:text> </xsl:text>
              <xsl:call-template name="money"><xsl:with-param name="v" select="$d/order/refunded"/></xsl:call-template>
            </xsl:if>
          </td>
        </tr>
        <tr>
          <th scope="row"><xsl:value-of select="m:t('admin.created')"/></th>
          <td><xsl:call-template name="time"><xsl:with-param name="t" select="$d/@created"/></xsl:call-template></td>
        </tr>
        <tr>
          <th scope="row"><xsl:value-of select="m:t('delivery.updated')"/></th>
          <td><xsl:call-template name="time"><xsl:with-param name="t" select="$d/@updated"/></xsl:call-template></td>
        </tr>
        <tr>
          <th scope="row"><xsl:value-of select="m:t('admin.deliveries.versions')"/></th>
          <td>
            <xsl:value-of select="$d/@versions"/>
            <xsl:if test="string($d/@confirmed)">
              <xsl:text> · </xsl:text><xsl:value-of select="m:t('admin.deliveries.confirmed', $d/@confirmed)"/>
            </xsl:if>
          </td>
        </tr>
        <tr>
          <th scope="row"><xsl:value-of select="m:t('admin.deliveries.rejections')"/></th>
          <td><xsl:value-of select="$d/@rejections"/></td>
        </tr>
        <xsl:if test="string($d/@submitted)">
          <tr>
            <th scope="row"><xsl:value-of select="m:t('admin.deliveries.submitted')"/></th>
            <td>
              <xsl:call-template name="time"><xsl:with-param name="t" select="$d/@submitted"/></xsl:call-template>
              <xsl:if test="string($d/@accept-by)">
                <xsl:text> · </xsl:text>
                <xsl:value-of select="m:t('admin.deliveries.accept_by')"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="time"><xsl:with-param name="t" select="$d/@accept-by"/></xsl:call-template>
              </xsl:if>
            </td>
          </tr>
        </xsl:if>
        <xsl:if test="string($d/@completed)">
          <tr>
            <th scope="row"><xsl:value-of select="m:t('delivery.completed')"/></th>
            <td>
              <xsl:call-template name="time"><xsl:with-param name="t" select="$d/@completed"/></xsl:call-template>
              <xsl:if test="$d/@auto-accepted = '1'"> · <xsl:value-of select="m:t('admin.deliveries.auto')"/></xsl:if>
            </td>
          </tr>
        </xsl:if>
      </tbody>
    </table>

    <h2 id="appeals"><xsl:value-of select="m:t('appeal.title')"/></h2>
    <xsl:choose>
      <xsl:when test="$d/appeals/appeal">
        <table class="data admin-table appeals">
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="m:t('admin.created')"/></th>
              <th scope="col"><xsl:value-of select="m:t('appeal.grounds')"/></th>
              <th scope="col"><xsl:value-of select="m:t('appeal.reason')"/></th>
              <th scope="col"><xsl:value-of select="m:t('appeal.decision')"/></th>
              <th scope="col"><xsl:value-of select="m:t('appeal.note')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$d/appeals/appeal">
              <tr id="appeal-{@id}">
                <td>
                  <xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template>
                  <br/>
                  <span class="muted">
                    <xsl:call-template name="label">
                      <xsl:with-param name="prefix" select="'delivery.status.'"/>
                      <xsl:with-param name="value" select="@delivery-status"/>
                    </xsl:call-template>
                  </span>
                </td>
                <td><xsl:value-of select="m:t(concat('appeal.grounds.', @grounds))"/></td>
                <td class="wrap-text"><xsl:value-of select="reason"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@status = 'open'">
                      <span class="badge appeal-open"><xsl:value-of select="m:t('appeal.status.open')"/></span>
                    </xsl:when>
                    <xsl:otherwise>
                      <strong><xsl:value-of select="m:t(concat('appeal.decision.', @decision))"/></strong>
                      <br/>
                      <span class="muted">
                        <xsl:call-template name="time"><xsl:with-param name="t" select="@decided"/></xsl:call-template>
                        <xsl:text> · </xsl:text>
                        <xsl:choose>
                          <xsl:when test="string(@decided-by)"><xsl:value-of select="@decided-by"/></xsl:when>
                          <xsl:otherwise><xsl:value-of select="m:t(concat('actor.', @decided-actor))"/></xsl:otherwise>
                        </xsl:choose>
                      </span>
                      <xsl:if test="string(@refund-no)">
                        <br/><span class="muted"><xsl:value-of select="m:t('admin.deliveries.refund_no', @refund-no)"/></span>
                      </xsl:if>
                    </xsl:otherwise>
                  </xsl:choose>
                </td>
                <td class="wrap-text"><xsl:value-of select="note"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.deliveries.no_appeal')"/></p></xsl:otherwise>
    </xsl:choose>

    <xsl:for-each select="$d/decide-form">
      <h3><xsl:value-of select="m:t('admin.deliveries.decide')"/></h3>
      <form class="admin-form decide" action="/admin/deliveries/{$d/@no}/decide" method="post">
        <xsl:call-template name="admin-csrf"/>
        <input type="hidden" name="idem" value="{@idem}"/>
        <fieldset>
          <legend><xsl:value-of select="m:t('appeal.decision')"/></legend>
          <xsl:call-template name="decision"><xsl:with-param name="v" select="'continue'"/></xsl:call-template>
          <xsl:call-template name="decision"><xsl:with-param name="v" select="'complete'"/></xsl:call-template>
          <xsl:call-template name="decision"><xsl:with-param name="v" select="'refund'"/></xsl:call-template>
        </fieldset>
        <xsl:call-template name="note-field">
          <xsl:with-param name="id" select="'decide-note'"/>
          <xsl:with-param name="label" select="m:t('admin.deliveries.decision_note')"/>
          <xsl:with-param name="max" select="@note-max"/>
        </xsl:call-template>
        <div class="admin-actions">
          <button type="submit" class="button primary"><xsl:value-of select="m:t('admin.deliveries.decide_submit')"/></button>
        </div>
      </form>
    </xsl:for-each>

    <h2 id="note"><xsl:value-of select="m:t('admin.deliveries.add_note')"/></h2>
    <form class="admin-form note" action="/admin/deliveries/{$d/@no}/note" method="post">
      <xsl:call-template name="admin-csrf"/>
      <xsl:call-template name="note-field">
        <xsl:with-param name="id" select="'note'"/>
        <xsl:with-param name="label" select="m:t('admin.deliveries.note_hint')"/>
        <xsl:with-param name="max" select="$d/note-form/@note-max"/>
      </xsl:call-template>
      <div class="admin-actions">
        <button type="submit" class="button"><xsl:value-of select="m:t('admin.deliveries.note_submit')"/></button>
      </div>
    </form>

    <h2><xsl:value-of select="m:t('delivery.requirement')"/></h2>
    <xsl:choose>
      <xsl:when test="$d/requirements/requirement">
        <table class="data admin-table requirements">
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="m:t('admin.deliveries.version')"/></th>
              <th scope="col"><xsl:value-of select="m:t('delivery.req.title')"/></th>
              <th scope="col"><xsl:value-of select="m:t('delivery.req.description')"/></th>
              <th scope="col"><xsl:value-of select="m:t('delivery.req.contact')"/></th>
              <th scope="col"><xsl:value-of select="m:t('delivery.files')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$d/requirements/requirement">
              <tr>
                <td>
                  <xsl:value-of select="@version"/>
                  <xsl:if test="@confirmed = '1'"> <span class="badge"><xsl:value-of select="m:t('delivery.confirmed_version')"/></span></xsl:if>
                  <br/><span class="muted"><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></span>
                </td>
                <td class="wrap-text"><xsl:value-of select="title"/></td>
                <td class="wrap-text"><xsl:value-of select="description"/></td>
                <td class="wrap-text"><xsl:value-of select="contact"/></td>
                <td>
                  <xsl:call-template name="files">
                    <xsl:with-param name="list" select="$d/attachments/attachment[@version = current()/@version]"/>
                  </xsl:call-template>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('delivery.no_requirement')"/></p></xsl:otherwise>
    </xsl:choose>

    <h2><xsl:value-of select="m:t('delivery.history')"/></h2>
    <table class="data admin-table history">
      <thead>
        <tr>
          <th scope="col"><xsl:value-of select="m:t('admin.deliveries.at')"/></th>
          <th scope="col"><xsl:value-of select="m:t('admin.deliveries.step')"/></th>
          <th scope="col"><xsl:value-of select="m:t('admin.deliveries.actor')"/></th>
          <th scope="col"><xsl:value-of select="m:t('admin.deliveries.change')"/></th>
          <th scope="col"><xsl:value-of select="m:t('admin.deliveries.note')"/></th>
          <th scope="col"><xsl:value-of select="m:t('delivery.files')"/></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$d/history/entry">
          <tr id="history-{@id}" class="step-{@type}">
            <td><xsl:call-template name="time"><xsl:with-param name="t" select="@at"/></xsl:call-template></td>
            <td>
              <xsl:call-template name="label">
                <xsl:with-param name="prefix" select="'delivery.history.'"/>
                <xsl:with-param name="value" select="@type"/>
              </xsl:call-template>
              <xsl:if test="string(@version)"> · <xsl:value-of select="m:t('delivery.version', @version)"/></xsl:if>
            </td>
            <td><xsl:value-of select="m:t(concat('actor.', @actor))"/></td>
            <td>
              <xsl:if test="string(@to) and @to != @from">
                <xsl:call-template name="label">
                  <xsl:with-param name="prefix" select="'delivery.status.'"/>
                  <xsl:with-param name="value" select="@from"/>
                </xsl:call-template>
                <xsl:text> → </xsl:text>
                <xsl:call-template name="label">
                  <xsl:with-param name="prefix" select="'delivery.status.'"/>
                  <xsl:with-param name="value" select="@to"/>
                </xsl:call-template>
              </xsl:if>
            </td>
            <td class="wrap-text"><xsl:value-of select="note"/></td>
            <td>
              <xsl:call-template name="files">
                <xsl:with-param name="list" select="$d/attachments/attachment[@history = current()/@id]"/>
              </xsl:call-template>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="decision">
    <xsl:param name="v"/>
    <label class="check">
      <input type="radio" name="decision" value="{$v}" required="required">
        <xsl:if test="/page/delivery/decide-form/@decision = $v"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <xsl:text> </xsl:text>
      <strong><xsl:value-of select="m:t(concat('appeal.decision.', $v))"/></strong>
      <xsl:text> — </xsl:text>
      <span class="muted"><xsl:value-of select="m:t(concat('admin.deliveries.decision_hint.', $v))"/></span>
    </label>
  </xsl:template>

  <!-- A note's textarea; the form's own field error (id) beside it. The
       text typed comes back only to the form whose error it is. -->
  <xsl:template name="note-field">
    <xsl:param name="id"/>
    <xsl:param name="label"/>
    <xsl:param name="max"/>
    <xsl:variable name="err" select="/page/form-error[@field = $id]"/>
    <label class="field">
      <span><xsl:value-of select="$label"/></span>
      <textarea name="note" rows="3" maxlength="{$max}" required="required">
        <xsl:if test="$err">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-error</xsl:attribute>
          <xsl:attribute name="autofocus">autofocus</xsl:attribute>
        </xsl:if>
      </textarea>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$id"/></xsl:call-template>
    </label>
  </xsl:template>

  <!-- Files, each a download through the console. -->
  <xsl:template name="files">
    <xsl:param name="list"/>
    <xsl:for-each select="$list">
      <a href="/admin/deliveries/{/page/delivery/@no}/attachments/{@id}" download=""><xsl:value-of select="@name"/></a>
      <span class="muted">
        <xsl:text> </xsl:text>
        <xsl:call-template name="file-size"><xsl:with-param name="b" select="@size"/></xsl:call-template>
        <xsl:text> · </xsl:text>
        <xsl:value-of select="m:t(concat('actor.', @uploaded-by))"/>
      </span>
      <br/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
