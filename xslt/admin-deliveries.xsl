<?xml version="1.0" encoding="UTF-8"?>
<!-- The admin's deliveries: newest first, filtered by number, state,
     vendor, buyer and open appeals. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.nav.deliveries')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="l" select="deliveries"/>
    <h1><xsl:value-of select="m:t('admin.nav.deliveries')"/></h1>
    <form class="admin-filters" action="/admin/deliveries" method="get">
      <label><span><xsl:value-of select="m:t('admin.delivery')"/></span><input type="text" name="no" maxlength="14" value="{$l/@no}" placeholder="dlv-"/></label>
      <label>
        <span><xsl:value-of select="m:t('delivery.status')"/></span>
        <select name="status">
          <option value=""><xsl:value-of select="m:t('common.all')"/></option>
          <xsl:call-template name="status-option"><xsl:with-param name="s" select="'awaiting_requirement'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="s" select="'pending_confirmation'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="s" select="'in_service'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="s" select="'pending_acceptance'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="s" select="'completed'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="s" select="'closed'"/></xsl:call-template>
        </select>
      </label>
      <label><span><xsl:value-of select="m:t('admin.vendor')"/></span><input type="text" name="vendor" maxlength="64" value="{$l/@vendor}" placeholder="slug"/></label>
      <label><span><xsl:value-of select="m:t('admin.deliveries.buyer')"/></span><input type="email" name="buyer" maxlength="254" value="{$l/@buyer}"/></label>
      <label class="check">
        <span><xsl:value-of select="m:t('admin.deliveries.appealed')"/></span>
        <input type="checkbox" name="appealed" value="1">
          <xsl:if test="$l/@appealed = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
      </label>
      <button type="submit"><xsl:value-of select="m:t('admin.filter')"/></button>
    </form>
    <xsl:choose>
      <xsl:when test="$l/delivery">
        <div class="table-scroll">
          <table class="data admin-table deliveries">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.delivery')"/></th>
                <th scope="col"><xsl:value-of select="m:t('delivery.status')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.product')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendor')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.deliveries.buyer')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.deliveries.rejections')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.created')"/></th>
                <th scope="col"><xsl:value-of select="m:t('delivery.updated')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$l/delivery">
                <tr>
                  <td><a href="/admin/deliveries/{@no}"><xsl:value-of select="@no"/></a></td>
                  <td>
                    <xsl:call-template name="status">
                      <xsl:with-param name="prefix" select="'delivery.status.'"/>
                      <xsl:with-param name="value" select="@status"/>
                    </xsl:call-template>
                    <xsl:if test="@appeal-open = '1'">
                      <xsl:text> </xsl:text>
                      <span class="badge appeal-open"><xsl:value-of select="m:t('appeal.status.open')"/></span>
                    </xsl:if>
                  </td>
                  <td><xsl:value-of select="product"/></td>
                  <td><a href="/admin/vendors/{@vendor}"><xsl:value-of select="@vendor"/></a></td>
                  <td><xsl:value-of select="@buyer"/></td>
                  <td class="num"><xsl:value-of select="@rejections"/></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@updated"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:call-template name="admin-pager"><xsl:with-param name="list" select="$l"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.deliveries.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="status-option">
    <xsl:param name="s"/>
    <option value="{$s}">
      <xsl:if test="/page/deliveries/@status = $s"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:value-of select="m:t(concat('delivery.status.', $s))"/>
    </option>
  </xsl:template>
</xsl:stylesheet>
