<?xml version="1.0" encoding="UTF-8"?>
<!-- 已购产品与服务: the buyer's instances, filtered by status and delivery
     mode (the two filters combine), a page at a time. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('services.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="l" select="instances"/>
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="m:t('services.title')"/></xsl:call-template>
    <h1><xsl:value-of select="m:t('services.title')"/></h1>
    <nav class="tabs" aria-label="{m:t('services.by_status')}">
      <xsl:call-template name="status-tab"><xsl:with-param name="s" select="''"/></xsl:call-template>
      <xsl:call-template name="status-tab"><xsl:with-param name="s" select="'provisioning'"/></xsl:call-template>
      <xsl:call-template name="status-tab"><xsl:with-param name="s" select="'active'"/></xsl:call-template>
      <xsl:call-template name="status-tab"><xsl:with-param name="s" select="'expired'"/></xsl:call-template>
    </nav>
    <nav class="sorts filter-modes" aria-label="{m:t('services.by_mode')}">
      <span class="muted"><xsl:value-of select="m:t('services.mode_label')"/></span>
      <xsl:call-template name="mode-link"><xsl:with-param name="d" select="''"/></xsl:call-template>
      <xsl:call-template name="mode-link"><xsl:with-param name="d" select="'auto'"/></xsl:call-template>
      <xsl:call-template name="mode-link"><xsl:with-param name="d" select="'manual'"/></xsl:call-template>
    </nav>

    <xsl:choose>
      <xsl:when test="$l/instance">
        <div class="table-scroll">
          <table class="data stack">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('instance.no')"/></th>
                <th scope="col"><xsl:value-of select="m:t('order.product')"/></th>
                <th scope="col"><xsl:value-of select="m:t('order.spec')"/></th>
                <th scope="col"><xsl:value-of select="m:t('order.delivery')"/></th>
                <th scope="col"><xsl:value-of select="m:t('instance.status')"/></th>
                <th scope="col"><xsl:value-of select="m:t('instance.started')"/></th>
                <th scope="col"><xsl:value-of select="m:t('instance.expires')"/></th>
                <th scope="col"><xsl:value-of select="m:t('common.actions')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$l/instance">
                <tr>
                  <td class="card-title" data-label="{m:t('instance.no')}"><a href="/services/{@no}"><xsl:value-of select="@no"/></a></td>
                  <td data-label="{m:t('order.product')}"><xsl:value-of select="product"/></td>
                  <td data-label="{m:t('order.spec')}"><xsl:value-of select="spec"/></td>
                  <td data-label="{m:t('order.delivery')}"><span class="badge badge-{@delivery}"><xsl:value-of select="m:t(concat('delivery.', @delivery))"/></span></td>
                  <td data-label="{m:t('instance.status')}">
                    <xsl:call-template name="instance-status"><xsl:with-param name="i" select="."/></xsl:call-template>
                  </td>
                  <td data-label="{m:t('instance.started')}"><xsl:call-template name="time"><xsl:with-param name="t" select="@started"/></xsl:call-template></td>
                  <td data-label="{m:t('instance.expires')}">
                    <xsl:choose>
                      <xsl:when test="@period = 'once'"><span class="muted" title="{m:t('instance.once')}"><xsl:value-of select="m:t('period.once')"/></span></xsl:when>
                      <xsl:otherwise><xsl:call-template name="time"><xsl:with-param name="t" select="@expires"/></xsl:call-template></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="row-actions" data-label="{m:t('common.actions')}">
                    <a class="button" href="/services/{@no}"><xsl:value-of select="m:t('instance.manage')"/></a>
                    <xsl:if test="@renewable = '1'">
                      <xsl:text> </xsl:text>
                      <a class="button" href="/services/{@no}/renew"><xsl:value-of select="m:t('instance.renew')"/></a>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:when test="string($l/@status) or string($l/@mode)">
        <p class="empty">
          <xsl:value-of select="m:t('services.empty_filtered')"/>
          <xsl:text> </xsl:text>
          <a href="/services"><xsl:value-of select="m:t('services.show_all')"/></a>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty">
          <xsl:value-of select="m:t('services.empty')"/>
          <xsl:text> </xsl:text>
          <a href="/"><xsl:value-of select="m:t('common.browse')"/></a>
        </p>
      </xsl:otherwise>
    </xsl:choose>

    <xsl:call-template name="pager">
      <xsl:with-param name="href">
        <xsl:call-template name="href">
          <xsl:with-param name="s" select="string($l/@status)"/>
          <xsl:with-param name="d" select="string($l/@mode)"/>
          <xsl:with-param name="more" select="true()"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="list" select="$l"/>
    </xsl:call-template>
  </xsl:template>

  <!-- /services with whichever of status and mode are set; with more,
       ending in "?" or "&" for one more argument (the pager's cursor). -->
  <xsl:template name="href">
    <xsl:param name="s"/>
    <xsl:param name="d"/>
    <xsl:param name="more" select="false()"/>
    <xsl:variable name="q">
      <xsl:if test="$s">&amp;status=<xsl:value-of select="$s"/></xsl:if>
      <xsl:if test="$d">&amp;mode=<xsl:value-of select="$d"/></xsl:if>
    </xsl:variable>
    <xsl:text>/services</xsl:text>
    <xsl:if test="string($q)">?<xsl:value-of select="substring($q, 2)"/></xsl:if>
    <xsl:if test="$more">
      <xsl:choose>
        <xsl:when test="string($q)">&amp;</xsl:when>
        <xsl:otherwise>?</xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template name="status-tab">
    <xsl:param name="s"/>
    <a>
      <xsl:attribute name="href">
        <xsl:call-template name="href">
          <xsl:with-param name="s" select="$s"/>
          <xsl:with-param name="d" select="string(/page/instances/@mode)"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:if test="string(/page/instances/@status) = $s">
        <xsl:attribute name="class">current</xsl:attribute>
        <xsl:attribute name="aria-current">page</xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="string($s)"><xsl:value-of select="m:t(concat('instance.status.', $s))"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="m:t('common.all')"/></xsl:otherwise>
      </xsl:choose>
    </a>
  </xsl:template>

  <xsl:template name="mode-link">
    <xsl:param name="d"/>
    <xsl:variable name="text">
      <xsl:choose>
        <xsl:when test="string($d)"><xsl:value-of select="m:t(concat('delivery.', $d))"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="m:t('common.all')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string(/page/instances/@mode) = $d">
        <strong class="sort current" aria-current="page"><xsl:value-of select="$text"/></strong>
      </xsl:when>
      <xsl:otherwise>
        <a class="sort">
          <xsl:attribute name="href">
            <xsl:call-template name="href">
              <xsl:with-param name="s" select="string(/page/instances/@status)"/>
              <xsl:with-param name="d" select="$d"/>
            </xsl:call-template>
          </xsl:attribute>
          <xsl:value-of select="$text"/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
